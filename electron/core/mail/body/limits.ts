/**
 * Every bound the body pipeline puts on server bytes, with the reason. A
 * message past one of them is stored as one opaque part with a stable note
 * code, never parsed further: the core must not crash or hang on a mail.
 */

/** Deeper nesting is an attack, not a mail: real mail nests 3–6 levels (mixed > related > alternative). */
export const MAX_MIME_DEPTH = 50;
/**
 * Real mail has tens of parts. postal-mime spends ~47 µs per part and dies late on 100k tiny
 * parts (DEPS.md), so the count is checked before it runs; 1000 parts parse in ~50 ms.
 */
export const MAX_MIME_PARTS = 1000;
/**
 * One header block (of the message or of a part). Long Received chains reach tens of KiB;
 * a megabyte of header is a bomb aimed at the parser's string building.
 */
export const MAX_HEADER_BYTES = 256 * 1024;
/**
 * Beyond this the source is not downloaded nor parsed: only the server's BODYSTRUCTURE is
 * kept so attachments can still be saved one by one. Academy servers refuse mail past ~20 MiB.
 */
export const MAX_SOURCE_BYTES = 25 * 1024 * 1024;
/** An inline (cid:) image kept in the database for offline reading; larger ones are fetched on demand. */
export const MAX_INLINE_PART_BYTES = 512 * 1024;
/** All inline images of one message together: a newsletter full of pictures must not bloat the profile. */
export const MAX_INLINE_TOTAL_BYTES = 4 * 1024 * 1024;
/** Text handed to the search index: a book-length mail is indexed by its start, which is what people search. */
export const MAX_SEARCH_TEXT_CHARS = 200_000;
/** Attachments listed for one message; the rest stay reachable through the opaque source. */
export const MAX_LISTED_PARTS = 500;

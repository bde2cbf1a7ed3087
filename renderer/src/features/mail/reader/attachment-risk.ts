/**
 * Which attachments deserve a warning before they are saved: programs and
 * scripts Windows or macOS would run on a double click, and names dressed
 * up as documents ("bulletin.pdf.exe", a right-to-left override that turns
 * "fdp.exe" around, trailing dots and spaces Windows silently drops).
 */

/** Extensions a double click runs (Windows first: the schools' workstations), lower case. */
const EXECUTABLE = new Set(
  (
    'exe com scr pif bat cmd msi msp mst ps1 psm1 psd1 vbs vbe js jse wsf wsh hta cpl msc jar lnk ' +
    'reg inf scf url application appref-ms gadget dll sys appx appxbundle msix msixbundle iso img vhd vhdx ' +
    'xll ade adp chm ins isp mde sct shb shs ws wsc app command sh dmg pkg apk desktop'
  ).split(' '),
);
const EXECUTABLE_TYPES = new Set([
  'application/x-msdownload',
  'application/x-msdos-program',
  'application/x-ms-installer',
  'application/x-msi',
  'application/x-sh',
  'application/javascript',
  'text/javascript',
  'application/java-archive',
  'application/hta',
  'application/vnd.microsoft.portable-executable',
]);
/** Bidirectional controls reorder how a name is displayed; they never belong in a file name. */
const BIDI_CONTROL = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const BIDI_CONTROLS = new RegExp(BIDI_CONTROL.source, 'g');

export type AttachmentRisk = 'executable' | 'disguised';

export interface AttachmentName {
  /** The name as it may be displayed: no bidirectional tricks, no trailing dots or spaces. */
  display: string;
  /** The extension the system will use, lower case, without the dot ("" when none). */
  extension: string;
  risk: AttachmentRisk | undefined;
}

export function inspectAttachmentName(filename: string, mimeType: string): AttachmentName {
  const hadBidi = BIDI_CONTROL.test(filename);
  const display = filename.replace(BIDI_CONTROLS, '').replace(/[.\s]+$/u, '');
  const pieces = display.split('.');
  const extension = pieces.length > 1 ? (pieces.at(-1) ?? '').toLowerCase() : '';
  const runs = EXECUTABLE.has(extension) || EXECUTABLE_TYPES.has(mimeType.toLowerCase());
  // "bulletin.pdf.exe", "photo.jpg   .scr": a document's name in front of a program's extension.
  const dressedUp =
    runs && pieces.length > 2 && /^(?=.*[a-z])[a-z0-9]{2,5}$/i.test((pieces.at(-2) ?? '').trim());
  const risk = (runs && hadBidi) || dressedUp ? 'disguised' : runs ? 'executable' : undefined;
  return { display: display || filename, extension, risk };
}

/** Sizes as the French read them: o, Ko, Mo, Go (1 Ko = 1024 octets, as file managers show). */
export function sizeParts(bytes: number): { value: number; unit: 'B' | 'KB' | 'MB' | 'GB' } {
  const units = ['B', 'KB', 'MB', 'GB'] as const;
  let value = Math.max(0, bytes);
  let index = 0;
  while (value >= 1024 && index < units.length - 1) {
    value /= 1024;
    index += 1;
  }
  return { value: index === 0 ? value : Math.round(value * 10) / 10, unit: units[index] ?? 'GB' };
}

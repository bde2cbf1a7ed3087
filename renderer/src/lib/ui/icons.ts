/**
 * Inline icon outlines (24×24, stroked with currentColor): no icon font or
 * remote file, since the hosts' CSP forbids remote loads.
 */
const circle = (cx: number, cy: number, r: number): string =>
  `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;

export const icons = {
  mail: 'M5 5h14a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2zM3 7l9 6 9-6',
  calendar: 'M5 5h14a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2zM3 10h18M8 3v4M16 3v4',
  contacts: `${circle(12, 8, 4)}M4 21c0-4 4-6 8-6s8 2 8 6`,
  archive:
    'M4 4h16a1 1 0 0 1 1 1v3a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1zM5 9v10a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V9M10 13h4',
  settings: `M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12${circle(16, 6, 2)}${circle(10, 12, 2)}${circle(18, 18, 2)}`,
  inbox: 'M3 13h5l1 3h6l1-3h5M6 5h12l3 8v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1v-6z',
  drafts: 'M4 20h4L19 9l-4-4L4 16zM13 7l4 4',
  sent: 'M21 3L3 11l7 3 3 7zM10 14L21 3',
  junk: `${circle(12, 12, 9)}M6 6l12 12`,
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13',
  folder: 'M4 5h5l2 2h9a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1z',
  chevron: 'M9 6l6 6-6 6',
  warning: 'M12 3l10 18H2zM12 10v5M12 18v.01',
  flag: 'M5 21V4M5 4h11l-2 4 2 4H5',
  attachment: 'M20 11l-8 8a5 5 0 0 1-7-7l8-8a3.5 3.5 0 0 1 5 5l-8 8a2 2 0 0 1-3-3l7-7',
  answered: 'M9 14L4 9l5-5M4 9h10a6 6 0 0 1 6 6v4',
  keyboard: 'M3 6h18v12H3zM7 10h.01M11 10h.01M15 10h.01M7 14h10',
} as const;

export type IconName = keyof typeof icons;

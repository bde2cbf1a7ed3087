import { describe, expect, test } from 'vitest';
import { inspectAttachmentName, sizeParts } from './attachment-risk.ts';

describe('the attachment risk check', () => {
  test('documents carry no warning', () => {
    expect(inspectAttachmentName('bulletin.pdf', 'application/pdf').risk).toBeUndefined();
    expect(
      inspectAttachmentName('Compte rendu du conseil.docx', 'application/octet-stream').risk,
    ).toBeUndefined();
    expect(inspectAttachmentName('LISEZMOI', 'text/plain').risk).toBeUndefined();
  });

  test.each([
    'setup.exe',
    'facture.BAT',
    'x.cmd',
    'x.com',
    'x.scr',
    'x.js',
    'x.vbs',
    'x.msi',
    'x.ps1',
    'x.jar',
    'x.lnk',
    'x.hta',
  ])('%s is an executable', (name) =>
    expect(inspectAttachmentName(name, 'application/octet-stream').risk).toBe('executable'),
  );

  test('an executable type is caught whatever the name', () => {
    expect(inspectAttachmentName('document', 'application/x-msdownload').risk).toBe('executable');
  });

  test('double extensions and trailing dots are disguises', () => {
    expect(inspectAttachmentName('bulletin.pdf.exe', 'application/octet-stream').risk).toBe('disguised');
    expect(inspectAttachmentName('photo.jpg .scr', 'application/octet-stream').risk).toBe('disguised');
    const trailing = inspectAttachmentName('notes.pdf.exe. . ', 'application/octet-stream');
    expect(trailing).toMatchObject({ display: 'notes.pdf.exe', extension: 'exe', risk: 'disguised' });
    // A version number is not a disguise, the program still is one.
    expect(inspectAttachmentName('installeur-v1.2.3.msi', 'application/octet-stream').risk).toBe(
      'executable',
    );
  });

  test('a right-to-left override cannot turn "fdp.exe" into "exe.pdf"', () => {
    const name = inspectAttachmentName('bulletin\u202efdp.exe', 'application/octet-stream');
    expect(name).toMatchObject({ display: 'bulletinfdp.exe', extension: 'exe', risk: 'disguised' });
  });
});

describe('attachment sizes', () => {
  test('in bytes, then tenths of Ko, Mo, Go', () => {
    expect(sizeParts(512)).toEqual({ value: 512, unit: 'B' });
    expect(sizeParts(1536)).toEqual({ value: 1.5, unit: 'KB' });
    expect(sizeParts(5 * 1024 * 1024)).toEqual({ value: 5, unit: 'MB' });
    expect(sizeParts(3.25 * 1024 ** 3)).toEqual({ value: 3.3, unit: 'GB' });
  });
});

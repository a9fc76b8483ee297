/**
 * MIME types by file extension, for the media types Gemini's documentation lists as
 * accepted input (images, documents, audio, video).
 */
const mimeTypesByExtension: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  heic: 'image/heic',
  heif: 'image/heif',
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/md',
  html: 'text/html',
  csv: 'text/csv',
  xml: 'text/xml',
  wav: 'audio/wav',
  mp3: 'audio/mp3',
  aiff: 'audio/aiff',
  aac: 'audio/aac',
  ogg: 'audio/ogg',
  flac: 'audio/flac',
  mp4: 'video/mp4',
  mpeg: 'video/mpeg',
  mpg: 'video/mpeg',
  mov: 'video/mov',
  avi: 'video/avi',
  wmv: 'video/wmv',
  webm: 'video/webm',
  '3gp': 'video/3gpp',
};

/** The MIME type a file name or URL path suggests by its extension; undefined when unknown. */
export function guessMimeType(nameOrUrl: string): string | undefined {
  let path = nameOrUrl;
  try {
    path = new URL(nameOrUrl).pathname;
  } catch {
    // Not a URL: a plain file name.
  }
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  return extension ? mimeTypesByExtension[extension] : undefined;
}

export interface DataUrl {
  mimeType: string;
  /** The payload, base64-encoded whatever encoding the URL used. */
  base64: string;
}

/** Reads a `data:` URL; undefined when the text is not one. */
export function parseDataUrl(url: string): DataUrl | undefined {
  const match = /^data:([^,]*?),(.*)$/s.exec(url);
  if (!match) return undefined;
  const [, header = '', payload = ''] = match;
  const isBase64 = /;base64$/i.test(header);
  const mimeType =
    header
      .replace(/;base64$/i, '')
      .split(';')[0]
      ?.trim() || 'text/plain';
  if (isBase64) return { mimeType, base64: payload.replace(/\s+/g, '') };
  try {
    return { mimeType, base64: Buffer.from(decodeURIComponent(payload)).toString('base64') };
  } catch {
    return undefined;
  }
}

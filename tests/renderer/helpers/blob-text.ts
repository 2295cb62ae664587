/** A Blob's text (setup.ts gives the tests Node's Blob, which reads as a browser's does). */
export const blobText = (b: Blob): Promise<string> => b.text();

import 'fake-indexeddb/auto';
import { Blob as NodeBlob } from 'node:buffer';

// jsdom's Blob does not survive a structured clone (fake-indexeddb stores it as a bare object) and
// has no arrayBuffer() or text(). The report stores its columns as a Blob in IndexedDB, as Chromium
// keeps them: Node's Blob clones and reads as a browser's does.
globalThis.Blob = NodeBlob as unknown as typeof Blob;

/**
 * Whether safeStorage really protects the tokens. On Linux without a keyring (no Secret Service,
 * no KWallet) Electron falls back to `basic_text`, a fixed password anyone with the file can undo;
 * Earshot says so on the Sources screen and offers to keep the tokens in memory for this session.
 * Takes a safeStorage-shaped object so it can be tested without Electron.
 */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?(): string;
}

export interface CredentialProtection {
  protected: boolean;
  message?: string;
}

export function credentialProtection(safe: SafeStorageLike, platform: NodeJS.Platform = process.platform): CredentialProtection {
  if (!safe.isEncryptionAvailable()) {
    return { protected: false, message: 'The OS keychain is not available: tokens are kept in memory for this session only.' };
  }
  if (platform === 'linux' && safe.getSelectedStorageBackend?.() === 'basic_text') {
    return {
      protected: false,
      message:
        'Saved tokens are not protected by a keyring: no Secret Service or KWallet was found, so they are encrypted with a fixed password. Install and unlock a keyring, or keep them for this session only.',
    };
  }
  return { protected: true };
}

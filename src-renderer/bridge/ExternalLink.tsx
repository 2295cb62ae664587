/** Links leave the app through the system browser (desktop) or a new tab (browser mode); never navigate the app. */
import type { ReactNode } from 'react';
import { getBridge, isDesktop } from './index';

export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  const safe = /^https?:\/\//i.test(href);
  if (!safe) return <span>{children}</span>;
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      onClick={(e) => {
        if (!isDesktop()) return; // the browser opens a new tab
        e.preventDefault();
        void getBridge().openExternal({ url: href });
      }}
    >
      {children}
    </a>
  );
}

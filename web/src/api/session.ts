// A signed-in session per firm, kept in localStorage so a reload stays signed in.
// Access tokens are refreshed silently; a refused refresh ends the session.
import type { TokenView } from "./types";

export interface Session {
  slug: string;
  accessToken: string;
  refreshToken: string | null;
  expiresAt: number; // epoch ms
}

const KEY = (slug: string) => `atrium.session.${slug}`;
const listeners = new Set<() => void>();

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed(): void {
  listeners.forEach((listener) => listener());
}

export function loadSession(slug: string): Session | null {
  const raw = localStorage.getItem(KEY(slug));
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Session;
  } catch {
    localStorage.removeItem(KEY(slug));
    return null;
  }
}

export function saveTokens(slug: string, tokens: TokenView): Session {
  const previous = loadSession(slug);
  const session: Session = {
    slug,
    accessToken: tokens.access_token,
    // A refresh answer carries no new refresh token: keep the one we had.
    refreshToken: tokens.refresh_token ?? previous?.refreshToken ?? null,
    expiresAt: Date.now() + tokens.expires_in * 1000,
  };
  localStorage.setItem(KEY(slug), JSON.stringify(session));
  changed();
  return session;
}

export type EndReason = "signed-out" | "expired";
let lastEndReason: EndReason | null = null;

export function endSession(slug: string, reason: EndReason): void {
  localStorage.removeItem(KEY(slug));
  lastEndReason = reason;
  changed();
}

/** Why the last session ended, read once by the sign-in page. */
export function takeEndReason(): EndReason | null {
  const reason = lastEndReason;
  lastEndReason = null;
  return reason;
}

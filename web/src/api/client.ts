// The API client, typed by the generated schema. Every request carries the current
// firm's access token; a 401 triggers one silent refresh and a retry, and a refused
// refresh signs the user out.
import createClient from "openapi-fetch";
import type { paths } from "./schema";
import { endSession, loadSession, saveTokens, type Session } from "./session";

// Refresh goes out without the stale token and without the retry logic below.
const anonymous = createClient<paths>({ baseUrl: window.location.origin });

let currentSlug: string | null = null;

/** The router names the firm whose session the next requests use. */
export function setFirm(slug: string | null): void {
  currentSlug = slug;
}

const REFRESH_EARLY_MS = 60_000;
let refreshing: Promise<Session | null> | null = null;

async function refresh(session: Session): Promise<Session | null> {
  if (!session.refreshToken) return null;
  const { data } = await anonymous.POST("/auth/refresh", { body: { refresh_token: session.refreshToken } });
  return data ? saveTokens(session.slug, data) : null;
}

/** One refresh at a time, however many requests found the token stale. */
function refreshOnce(session: Session): Promise<Session | null> {
  refreshing ??= refresh(session).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

function withToken(request: Request, session: Session | null): Request {
  const next = new Request(request);
  if (session) next.headers.set("Authorization", `Bearer ${session.accessToken}`);
  return next;
}

async function authFetch(input: Request): Promise<Response> {
  const slug = currentSlug;
  let session = slug ? loadSession(slug) : null;
  if (session && session.expiresAt - Date.now() < REFRESH_EARLY_MS) {
    session = (await refreshOnce(session)) ?? session;
  }
  const retry = input.clone();
  const response = await fetch(withToken(input, session));
  if (response.status !== 401 || !session || !slug) return response;
  const renewed = await refreshOnce(session);
  if (!renewed) {
    endSession(slug, "expired");
    return response;
  }
  const second = await fetch(withToken(retry, renewed));
  if (second.status === 401) endSession(slug, "expired");
  return second;
}

export const api = createClient<paths>({ baseUrl: window.location.origin, fetch: authFetch });

/** A fresh key per user action, so a retried write happens once. */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}

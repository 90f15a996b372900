// The frame of every signed-in page: the firm's header, the staff navigation, sign-out.
import type { ReactNode } from "react";
import { endSession } from "../api/session";
import type { BrandingView, MeView } from "../api/types";
import { Link, navigate } from "../router";
import { api } from "../api/client";
import { brandingOf, FirmMark } from "./Brand";
import { plural } from "./format";
import { useLoad } from "./useLoad";

const STAFF_NAV = [
  ["clients", "Clients"],
  ["rooms", "Rooms"],
  ["opportunities", "Opportunities"],
  ["document-trash", "Document trash"],
  ["reports/adoption", "Portal adoption"],
  ["staff", "Staff"],
  ["settings", "Firm settings"],
] as const;

/** Unread items across the user's rooms, asked again whenever the page changes. */
function Unread({ path }: { path: string }) {
  const summary = useLoad(() => api.GET("/me/notifications/summary"), [path]);
  const total = summary.data?.total ?? 0;
  if (!total) return null;
  return <span className="unread" role="status" aria-label={plural(total, "unread item")}>{total}</span>;
}

export function Shell({ me, path, children }: { me: MeView; path: string; children: ReactNode }) {
  const slug = me.firm.slug;
  const signOut = () => {
    endSession(slug, "signed-out");
    navigate(`/${slug}/sign-in`);
  };
  const staff = me.role !== "client";
  return (
    <div className="shell">
      <header className="top">
        <Link to={`/${slug}`} className="home-link"><FirmMark name={me.firm.name} branding={brandingOf(me.firm.branding)} /></Link>
        <div className="who">
          <Unread path={path} />
          <span className="user-name">{me.user.name}</span>
          <button type="button" className="quiet" onClick={signOut}>Sign out</button>
        </div>
      </header>
      {staff ? (
        <nav aria-label="Staff" className="staff-nav">
          {STAFF_NAV.map(([to, label]) => {
            const here = path.startsWith(`/${slug}/${to}`);
            return <Link key={to} to={`/${slug}/${to}`} aria-current={here ? "page" : undefined}>{label}</Link>;
          })}
        </nav>
      ) : null}
      <main id="main">{children}</main>
    </div>
  );
}

export function PublicFrame({ name, branding, children }: { name: string; branding?: BrandingView | null; children: ReactNode }) {
  return (
    <div className="public">
      <header className="top"><FirmMark name={name} branding={branding} /></header>
      <main id="main" className="narrow">{children}</main>
    </div>
  );
}

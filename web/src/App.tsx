// Which page a path shows. Public pages (sign-in, invitation) need only the firm's slug;
// every other page needs a session, and what it shows depends on the role.
import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { api, setFirm } from "./api/client";
import { loadSession, onSessionChange } from "./api/session";
import type { MeView } from "./api/types";
import { brandingOf, useBranding } from "./components/Brand";
import { Field } from "./components/Field";
import { PublicFrame, Shell } from "./components/Shell";
import { useLoad } from "./components/useLoad";
import { ClientHome } from "./pages/ClientHome";
import { Invitation } from "./pages/Invitation";
import { SignIn } from "./pages/SignIn";
import { DocumentArea } from "./pages/documents/DocumentArea";
import { DocumentPage } from "./pages/documents/DocumentPage";
import { DocumentTrail } from "./pages/documents/DocumentTrail";
import { Trash } from "./pages/documents/Trash";
import { Room } from "./pages/room/Room";
import { Adoption } from "./pages/staff/Adoption";
import { ClientPage } from "./pages/staff/ClientPage";
import { Clients } from "./pages/staff/Clients";
import { Opportunities } from "./pages/staff/Opportunities";
import { Rooms } from "./pages/staff/Rooms";
import { Settings } from "./pages/staff/Settings";
import { Staff } from "./pages/staff/Staff";
import { match, navigate, usePath } from "./router";

function useSessionVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => onSessionChange(() => setVersion((n) => n + 1)), []);
  return version;
}

function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title;
  }, [title]);
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function FirmPicker() {
  const [slug, setSlug] = useState("");
  usePageTitle("Client portal");
  const go = (event: FormEvent) => {
    event.preventDefault();
    if (slug.trim()) navigate(`/${slug.trim().toLowerCase()}/sign-in`);
  };
  return (
    <PublicFrame name="Client portal">
      <form className="card" onSubmit={go}>
        <h1>Find your firm's portal</h1>
        <Field label="Firm's portal name" value={slug} onChange={(e) => setSlug(e.target.value)}
          hint="The short name in the address your firm gave you, such as northwind." autoCapitalize="none" />
        <button type="submit">Continue</button>
      </form>
    </PublicFrame>
  );
}

function NotFound({ children }: { children?: ReactNode }) {
  return <><h1>Page not found</h1><p>{children ?? "There is nothing at this address."}</p></>;
}

function staffPage(me: MeView, path: string, reloadMe: () => void): ReactNode {
  const slug = me.firm.slug;
  if (match("/:slug", path)) return <Redirect to={`/${slug}/clients`} />;
  if (match("/:slug/clients", path)) return <Clients slug={slug} />;
  const client = match("/:slug/clients/:id", path);
  if (client) return <ClientPage slug={slug} clientId={client.id as string} />;
  const trail = match("/:slug/clients/:id/document-trail", path);
  if (trail) return <DocumentTrail slug={slug} clientId={trail.id as string} />;
  const document = match("/:slug/documents/:id", path);
  if (document) return <DocumentPage key={document.id} slug={slug} documentId={document.id as string} />;
  if (match("/:slug/document-trash", path)) return <Trash slug={slug} />;
  if (match("/:slug/rooms", path)) return <Rooms slug={slug} />;
  if (match("/:slug/opportunities", path)) return <Opportunities slug={slug} />;
  if (match("/:slug/reports/adoption", path)) return <Adoption />;
  if (match("/:slug/staff", path)) return <Staff me={me} />;
  if (match("/:slug/settings", path)) return <Settings me={me} onSaved={reloadMe} />;
  return <NotFound />;
}

/** Pages staff and portal users share; what each shows depends on the role. */
function sharedPage(me: MeView, path: string): ReactNode {
  const room = match("/:slug/rooms/:id", path);
  if (room) return <Room key={room.id} me={me} roomId={room.id as string} />;
  const area = match("/:slug/clients/:id/documents", path);
  if (area) return <DocumentArea key={area.id} slug={me.firm.slug} clientId={area.id as string} staff={me.role !== "client"} />;
  return null;
}

function clientPage(me: MeView, path: string): ReactNode {
  if (match("/:slug", path)) return <ClientHome me={me} />;
  return <NotFound />;
}

function SignedIn({ slug, path }: { slug: string; path: string }) {
  const me = useLoad(() => api.GET("/me"), [slug]);
  useBranding(me.data ? brandingOf(me.data.firm.branding) : null);
  usePageTitle(me.data ? `${me.data.firm.name} portal` : "Client portal");
  if (!me.data) return me.loading ? <p className="loading" role="status">Loading…</p> : <Redirect to={`/${slug}/sign-in`} />;
  if (me.data.firm.slug !== slug) return <Redirect to={`/${me.data.firm.slug}`} />;
  const page = sharedPage(me.data, path)
    ?? (me.data.role === "client" ? clientPage(me.data, path) : staffPage(me.data, path, me.reload));
  return <Shell me={me.data} path={path}>{page}</Shell>;
}

function PublicSignIn({ slug }: { slug: string }) {
  const firm = useLoad(() => api.GET("/firms/{slug}/public", { params: { path: { slug } } }), [slug]);
  useBranding(firm.data?.branding);
  usePageTitle(firm.data ? `Sign in · ${firm.data.name}` : "Sign in");
  if (firm.loading) return <p className="loading" role="status">Loading…</p>;
  if (!firm.data) {
    return <PublicFrame name="Client portal"><div className="card"><NotFound>No firm uses the portal name “{slug}”.</NotFound></div></PublicFrame>;
  }
  return <SignIn slug={slug} firm={firm.data} />;
}

export function App() {
  const path = usePath();
  const slug = path.split("/").filter(Boolean)[0] ?? null;
  setFirm(slug);
  useSessionVersion();
  if (!slug) return <FirmPicker />;
  const invitation = match("/:slug/invitations/:token", path);
  if (invitation) return <Invitation slug={slug} token={invitation.token as string} />;
  if (match("/:slug/sign-in", path)) {
    return loadSession(slug) ? <Redirect to={`/${slug}`} /> : <PublicSignIn slug={slug} />;
  }
  if (!loadSession(slug)) return <Redirect to={`/${slug}/sign-in`} />;
  return <SignedIn key={slug} slug={slug} path={path} />;
}

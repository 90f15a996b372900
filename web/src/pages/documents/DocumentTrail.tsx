// Everything that happened to a client's documents, for staff: who did what, when, and
// from which address and browser.
import { api } from "../../api/client";
import { useLoad } from "../../components/useLoad";
import { Link } from "../../router";
import { AccessList } from "./AccessList";

export function DocumentTrail({ slug, clientId }: { slug: string; clientId: string }) {
  const client = useLoad(() => api.GET("/clients/{client_id}", { params: { path: { client_id: clientId } } }), [clientId]);
  const trail = useLoad(() => api.GET("/clients/{client_id}/document-trail", {
    params: { path: { client_id: clientId }, query: { limit: 200 } } }), [clientId]);
  const name = client.data?.display_name;
  return (
    <>
      <p><Link to={`/${slug}/clients/${clientId}/documents`}>← Documents{name ? ` of ${name}` : ""}</Link></p>
      <h1 id="trail">Document trail{name ? ` of ${name}` : ""}</h1>
      <AccessList labelledBy="trail" entries={trail.data?.items ?? []} problem={trail.problem} loading={trail.loading} showFile />
    </>
  );
}

// Names for the generated schema types the pages use; nothing here is written by hand
// beyond the aliases.
import type { components } from "./schema";

type Schemas = components["schemas"];
export type Problem = Schemas["Problem"];
export type TokenView = Schemas["TokenView"];
export type ChallengeView = Schemas["ChallengeView"];
export type MeView = Schemas["MeView"];
export type FirmPublicView = Schemas["FirmPublicView"];
export type FirmView = Schemas["FirmView"];
export type BrandingView = Schemas["BrandingView"];
export type InvitationPreview = Schemas["InvitationPreview"];
export type ClientSummaryView = Schemas["ClientSummaryView"];
export type ClientClientView = Schemas["ClientClientView"];
export type ClientStaffView = Schemas["ClientStaffView"];
export type ClientContactView = Schemas["ClientContactView"];
export type PortalView = Schemas["PortalView"];
export type InviteRequest = Schemas["InviteRequest"];
export type AdoptionReport = Schemas["AdoptionReport"];
export type AdoptionRow = Schemas["AdoptionRow"];
export type UserView = Schemas["UserView"];
export type StaffInvite = Schemas["StaffInvite"];
export type FirmUpdate = Schemas["FirmUpdate"];

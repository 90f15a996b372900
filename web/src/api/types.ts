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
// A client's contacts page: each person sealed as listed, which lets inviting or removing them read nothing first.
export type SealedClientContact = Schemas["SealedClientContact"];
export type PortalView = Schemas["PortalView"];
export type InviteRequest = Schemas["InviteRequest"];
export type AdoptionReport = Schemas["AdoptionReport"];
export type AdoptionRow = Schemas["AdoptionRow"];
export type UserView = Schemas["UserView"];
export type StaffInvite = Schemas["StaffInvite"];
export type FirmUpdate = Schemas["FirmUpdate"];
export type TimeZone = NonNullable<FirmUpdate["time_zone"]>;
export type RoomRowView = Schemas["RoomRowView"];
export type RoomStaffView = Schemas["RoomStaffView"];
export type RoomClientView = Schemas["RoomClientView"];
export type FeedStaffView = Schemas["FeedStaffView"];
export type FeedClientView = Schemas["FeedClientView"];
export type HomeView = Schemas["HomeView"];
export type RoomHomeView = Schemas["RoomHomeView"];
export type AnnouncementHomeView = Schemas["AnnouncementHomeView"];
export type PendingSurvey = Schemas["PendingSurvey"];
export type BoardRow = Schemas["BoardRow"];
export type OpportunitySummary = Schemas["OpportunitySummary"];
export type PortalOptionsView = Schemas["PortalOptionsView"];
export type DocumentClientView = Schemas["DocumentClientView"];
export type DocumentStaffView = Schemas["DocumentStaffView"];
export type TimelineStepView = Schemas["TimelineStepView"];
export type ServiceView = Schemas["ServiceView"];
export type UploadForm = Schemas["UploadForm"];
export type MultipartPlan = Schemas["MultipartPlan"];
export type UploadedPart = Schemas["UploadedPart"];
export type VersionView = Schemas["VersionView"];
export type AccessView = Schemas["AccessView"];

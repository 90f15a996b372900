// The firm's colour and logo. The colour drives buttons and the header; text on it is
// black or white, whichever contrasts more, so any colour a firm picks stays readable.
import { useEffect } from "react";
import type { BrandingView } from "../api/types";

const DEFAULT_BRAND = "#1f4e79";

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

export function textOn(hex: string): string {
  const l = luminance(hex);
  return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? "#000000" : "#ffffff";
}

function validColour(colour: string | null | undefined): string {
  return colour && /^#[0-9a-fA-F]{6}$/.test(colour) ? colour : DEFAULT_BRAND;
}

/** /me carries the firm's branding as a free-form map: keep the two known keys. */
export function brandingOf(map: Record<string, unknown> | undefined): BrandingView {
  const text = (value: unknown) => (typeof value === "string" ? value : null);
  return { colour: text(map?.colour), logo_url: text(map?.logo_url) };
}

export function useBranding(branding: BrandingView | null | undefined): void {
  useEffect(() => {
    const colour = validColour(branding?.colour);
    const root = document.documentElement.style;
    root.setProperty("--brand", colour);
    root.setProperty("--on-brand", textOn(colour));
  }, [branding?.colour]);
}

export function FirmMark({ name, branding }: { name: string; branding?: BrandingView | null }) {
  return (
    <span className="firm-mark">
      {branding?.logo_url ? <img src={branding.logo_url} alt="" className="logo" /> : null}
      <span className="firm-name">{name}</span>
    </span>
  );
}

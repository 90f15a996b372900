import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The portal lives under /portal/ on the same origin as the API (the local stack serves
// both; CloudFront routes /portal/* to the bucket and the rest to API Gateway), so the
// app calls the API with relative paths and the CSP can say connect-src 'self'.
const api = process.env.ATRIUM_API ?? "http://127.0.0.1:8000";

export default defineConfig({
  base: "/portal/",
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, assetsInlineLimit: 0, sourcemap: false },
  server: { proxy: { "^/(?!portal/|@|src/|node_modules/).*": { target: api, changeOrigin: true } } },
});

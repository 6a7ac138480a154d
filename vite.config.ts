// Build and dev-server configuration for the web client (src/web → dist/web).
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const repoRoot = fileURLToPath(new URL(".", import.meta.url));
const apiServer = "http://127.0.0.1:3000";

export default defineConfig({
  root: fileURLToPath(new URL("./src/web", import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("./dist/web", import.meta.url)),
    emptyOutDir: true,
    target: "es2023",
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries every page needs get their own long-cached chunks; Mantine components stay
        // with the routes that use them so a page only loads its own widgets.
        codeSplitting: {
          groups: [
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 4 },
            { name: "router", test: /node_modules[\\/]react-router[\\/]/, priority: 3 },
            { name: "query", test: /node_modules[\\/]@tanstack[\\/]/, priority: 2 },
            { name: "zod", test: /node_modules[\\/]zod[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  css: {
    postcss: repoRoot,
  },
  server: {
    host: "127.0.0.1",
    port: 5173,
    strictPort: true,
    proxy: {
      "/api": { target: apiServer, ws: true },
      "/files": { target: apiServer },
    },
  },
  preview: { host: "127.0.0.1", port: 4173 },
});

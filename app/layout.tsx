import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/app/AppHeader";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "ToolTune", template: "%s · ToolTune" },
  description: "Curate tool-calling datasets for fine-tuning small language models",
  icons: { icon: [{ url: "/favicon.svg", type: "image/svg+xml" }], apple: "/icon.svg" },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>
          <a className="skip-link" href="#main">
            Skip to content
          </a>
          <AppHeader />
          <main id="main" className="app-main">
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}

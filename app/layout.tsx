import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/app/AppHeader";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "ToolTune", template: "%s · ToolTune" },
  description: "Curate tool-calling datasets for fine-tuning small language models",
  icons: { icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Crect width='16' height='16' rx='3' fill='%232f5bd3'/%3E%3C/svg%3E" },
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

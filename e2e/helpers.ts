import type { BrowserContext, Page } from "@playwright/test";

export const SHOTS = "test-results/screens";

/** Signs a browser context in as `name` (the display name the app asks for once). */
export async function actAs(context: BrowserContext, name: string) {
  await context.addInitScript((n) => window.localStorage.setItem("tooltune.author", n), name);
}

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

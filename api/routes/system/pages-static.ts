import { Hono } from "hono";
import type { AppBindings } from "../../http/bindings.ts";
import type { PageName } from "../../../widget/build.ts";
import type { BrowserAssets } from "./assets.ts";

/** A browser app at /<name> (console, dashboard, workspace). */
export function pageApp(name: PageName, assets: BrowserAssets) {
  const page = new Hono<AppBindings>();
  page.get(`/${name}`, async (c) => c.html((await assets.page(name)).html));
  page.get(`/${name}/app.js`, async (c) => {
    c.header("Content-Type", "text/javascript; charset=utf-8");
    c.header("Cache-Control", "no-cache");
    return c.body((await assets.page(name)).js);
  });
  page.get(`/${name}/style.css`, async (c) => {
    c.header("Content-Type", "text/css; charset=utf-8");
    return c.body((await assets.page(name)).css);
  });
  return page;
}

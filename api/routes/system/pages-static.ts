import { Hono } from "hono";
import { buildPage } from "../../../widget/build.ts";
import type { AppBindings } from "../../http/bindings.ts";

/** Builds on first call and keeps the result; a failed build is tried again next time. */
export function lazyBuild<T>(build: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => {
    result ??= build();
    result.catch(() => (result = undefined));
    return result;
  };
}

/** A browser app at /<name> (console, dashboard), bundled once on first request (esbuild takes ~100 ms). */
export function pageApp(name: "console" | "dashboard") {
  const get = lazyBuild(() => buildPage(name));
  const page = new Hono<AppBindings>();
  page.get(`/${name}`, async (c) => c.html((await get()).html));
  page.get(`/${name}/app.js`, async (c) => {
    c.header("Content-Type", "text/javascript; charset=utf-8");
    c.header("Cache-Control", "no-cache");
    return c.body((await get()).js);
  });
  page.get(`/${name}/style.css`, async (c) => {
    c.header("Content-Type", "text/css; charset=utf-8");
    return c.body((await get()).css);
  });
  return page;
}

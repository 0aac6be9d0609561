/** Static pages. No data is interpolated into them, so there is nothing to escape. */

const shell = (title: string, body: string, head = "") => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${head}
</head>
<body>
${body}
</body>
</html>`;

export function landingPage(): string {
  return shell(
    "ShopChat",
    `<main>
  <h1>ShopChat</h1>
  <p>Chat-first customer service and ordering for shops. 面向商家的聊天式客服与下单平台。</p>
  <ul>
    <li><a href="/docs">API reference</a> · <a href="/api/v1/openapi.json">openapi.json</a></li>
    <li><a href="/demo">Demo shop with the chat widget</a></li>
    <li><a href="/console">Agent console</a></li>
    <li><a href="/dashboard">Merchant dashboard</a></li>
    <li><a href="/workspace">Merchant workspace</a> (catalog, orders, help center, settings, reports)</li>
    <li><a href="/healthz">Health</a> · <a href="/readyz">Readiness</a></li>
  </ul>
  <p>Demo credentials are in <code>data/demo-credentials.json</code>.</p>
</main>`,
    `<style>
  body { font: 16px/1.5 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0; background: #f8fafc; color: #0f172a; }
  main { max-width: 40rem; margin: 4rem auto; padding: 0 1.5rem; }
  h1 { font-size: 2rem; margin-bottom: .25rem; }
  a { color: #1d4ed8; }
  li { margin: .4rem 0; }
</style>`,
  );
}

/** The API reference's one inline script (allowed by its hash in the pages' CSP). */
export const DOCS_INLINE_SCRIPT = `
  window.ui = SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#ui", deepLinking: true, tryItOutEnabled: true });
`;

export function docsPage(): string {
  return shell(
    "ShopChat API reference",
    `<div id="ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>${DOCS_INLINE_SCRIPT}</script>`,
    `<link rel="stylesheet" href="/docs/assets/swagger-ui.css">`,
  );
}

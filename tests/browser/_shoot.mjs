// usage: node shoot.mjs site outdir width scheme path...
import { buildAndServe, launch } from "/work/wt-page/tests/browser/site.mjs";
const [name, out, width, scheme, ...paths] = process.argv.slice(2);
const s = await buildAndServe(name);
const b = await launch();
const ctx = await b.newContext({ viewport: { width: +width, height: +width > 800 ? 900 : 844 }, colorScheme: scheme });
const page = await ctx.newPage();
for (const p of paths) {
  await page.goto(s.url + p.slice(1)); await page.waitForLoadState("networkidle");
  const f = `${out}/${name}-${width}-${scheme}-${p.replace(/\//g, "_")}.png`;
  await page.screenshot({ path: f, fullPage: process.env.FULL === "1" });
  console.log(f);
}
await b.close(); s.stop();

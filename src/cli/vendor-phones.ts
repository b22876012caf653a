/**
 * Part of the build (npm run bundle): libphonenumber-js/max as one minified CommonJS file,
 * dist/vendor/libphonenumber-max.cjs, which the CLI loads on the first phone number (contact/check.ts,
 * io/cached-script.ts).
 *
 * One change on the way: the library's matchesEntirely(text, pattern) builds `new RegExp("^(?:" + pattern + ")$")`
 * on every call, a dozen times per number; that was 28% of a phone check (profile, 100,000 numbers). The bundled
 * copy keeps each pattern's RegExp (the patterns come from the metadata, a bounded set; a RegExp without the g or y
 * flag keeps no state between test() calls). The build fails if the library no longer has that file, rather than
 * quietly losing the change. A test holds the vendored copy to the package's answers.
 */
import { build, type Plugin } from "esbuild";
import { fileURLToPath } from "node:url";

const OUT = fileURLToPath(new URL("../vendor/libphonenumber-max.cjs", import.meta.url));

const BODY = `const patterns = new Map();
function matchesEntirely(text, regularExpressionText) {
  text = text || "";
  let pattern = patterns.get(regularExpressionText);
  if (pattern === undefined) {
    pattern = new RegExp("^(?:" + regularExpressionText + ")$");
    patterns.set(regularExpressionText, pattern);
  }
  return pattern.test(text);
}
`;

let replaced = 0;
const cachedPatterns: Plugin = {
  name: "matches-entirely-cached",
  setup(b) {
    b.onLoad({ filter: /libphonenumber-js[\\/](?:build|es6)[\\/]helpers[\\/]matchesEntirely\.js$/ }, (args) => {
      replaced++;
      const esm = /[\\/]es6[\\/]/.test(args.path);
      return { contents: esm ? `${BODY}export default matchesEntirely;\n` : `"use strict";\n${BODY}exports.__esModule = true;\nexports["default"] = matchesEntirely;\n`, loader: "js" };
    });
  },
};

await build({
  entryPoints: ["libphonenumber-js/max"],
  bundle: true,
  minify: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  outfile: OUT,
  logLevel: "warning",
  plugins: [cachedPatterns],
});
if (replaced === 0) {
  process.stderr.write("vendor-phones: libphonenumber-js has no helpers/matchesEntirely.js any more; see src/cli/vendor-phones.ts\n");
  process.exitCode = 1;
}

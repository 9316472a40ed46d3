// Build of the add-in (engineering guide §5): the React task-pane template's webpack set-up combined with the
// shared-runtime custom-functions manifest. One page, taskpane.html, loads three entries:
//   taskpane  – the React task pane (src/taskpane/index.tsx, owned by the task-pane code)
//   functions – the CP.* custom functions (CustomFunctionsMetadataPlugin writes functions.json and appends the
//               CustomFunctions.associate calls to src/functions/functions.ts)
//   commands  – the ribbon's ExecuteFunction handlers
// plus functions-zh-cn.json (the zh-CN dictionary applied to functions.json), help.html, manifest.xml and the
// icons. Lazy chunks (dynamic import()) are not loaded at start-up: mathjs with core/units (CP.CONVERT's first
// call), the insert path, the settings and calculator tabs (prefetched at idle time), ExcelJS for a download.
//
// Environment:
//   ADDIN_BASE_URL=https://host[:port]  origin written into dist/manifest.xml (default https://localhost:3000,
//                                       or the dev server's own origin under `npm start`)
//   DEV_SERVER_HTTP=1                   `npm start` serves plain HTTP even when a dev certificate exists
//   DEV_CERT_DIR=dir                    where localhost.key / localhost.crt (/ ca.crt) live
//                                       (default ~/.office-addin-dev-certs, office-addin-dev-certs' folder)
//   PORT=3000, DEV_SERVER_HOST=localhost  (loopback only)
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import webpack from "webpack";
import HtmlWebpackPlugin from "html-webpack-plugin";
import CopyWebpackPlugin from "copy-webpack-plugin";
import CustomFunctionsMetadataPlugin from "custom-functions-metadata-plugin";
import { localizeMetadata, readZhDictionary, renderHelpHtml, zhDictionaryPath } from "./scripts/functions-metadata.mjs";

const root = dirname(fileURLToPath(import.meta.url));
/** The origin manifest.xml is written with. */
export const DEFAULT_ORIGIN = "https://localhost:3000";

/** The dev server's TLS files, or null when there is no certificate (plain HTTP then). */
function devCertificate() {
  if (process.env.DEV_SERVER_HTTP === "1") return null;
  const dir = process.env.DEV_CERT_DIR ?? join(homedir(), ".office-addin-dev-certs");
  const key = join(dir, "localhost.key");
  const cert = join(dir, "localhost.crt");
  if (!existsSync(key) || !existsSync(cert)) return null;
  const ca = join(dir, "ca.crt");
  return { key: readFileSync(key), cert: readFileSync(cert), ...(existsSync(ca) ? { ca: readFileSync(ca) } : {}) };
}

/** functions-zh-cn.json and help.html from the functions.json that CustomFunctionsMetadataPlugin emitted. */
class LocalizedFunctionsMetadataPlugin {
  apply(compiler) {
    const name = "LocalizedFunctionsMetadataPlugin";
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      compilation.fileDependencies.add(zhDictionaryPath);
      compilation.hooks.processAssets.tap({ name, stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        const asset = compilation.getAsset("functions.json");
        if (!asset) {
          compilation.errors.push(new webpack.WebpackError(`${name}: functions.json was not generated`));
          return;
        }
        try {
          const metadata = JSON.parse(asset.source.source().toString());
          const zh = localizeMetadata(metadata, readZhDictionary());
          compilation.emitAsset("functions-zh-cn.json", new webpack.sources.RawSource(JSON.stringify(zh, null, 4)));
          compilation.emitAsset("help.html", new webpack.sources.RawSource(renderHelpHtml(metadata, zh)));
        } catch (e) {
          compilation.errors.push(new webpack.WebpackError(`${name}: ${e.message}`));
        }
      });
    });
  }
}

export default (env, argv) => {
  const production = argv.mode === "production";
  const serving = Boolean(env?.WEBPACK_SERVE || process.env.WEBPACK_SERVE);
  const port = Number(process.env.PORT ?? 3000);
  const cert = serving ? devCertificate() : null;
  const origin = (process.env.ADDIN_BASE_URL ?? (serving ? `${cert ? "https" : "http"}://localhost:${port}` : DEFAULT_ORIGIN)).replace(/\/+$/, "");

  // PANE_FAKE=1 (the browser layout test only): also builds taskpane-fake.html, the pane over the
  // Excel fake of test/fakes. Its own entry and page: the production pages do not load it.
  const paneFake = process.env.PANE_FAKE === "1";

  return {
    mode: production ? "production" : "development",
    context: root,
    devtool: "source-map",
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      ...(paneFake ? { "taskpane-fake": "./test/e2e/pane-fake.tsx" } : {}),
    },
    output: {
      path: resolve(root, "dist"),
      filename: "[name].js",
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".mjs", ".json"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // Type checking is `npm run typecheck`; the bundle only transpiles (isolatedModules is on).
            options: { transpileOnly: true, compilerOptions: { noEmit: false, sourceMap: true } },
          },
        },
        {
          test: /\.(png|jpe?g|gif|svg|ico)$/i,
          type: "asset/resource",
          generator: { filename: "assets/[name].[contenthash:8][ext]" },
        },
      ],
    },
    optimization: {
      // All three entries run on one page: one runtime, so modules they share are instantiated once.
      runtimeChunk: "single",
      // Code shared by the entries goes into shared initial chunks; dynamic import() stays lazy.
      splitChunks: { chunks: "all" },
    },
    performance: {
      // The start-up budget (≤ 200 KB gzip of JavaScript, issue 9; the React template's is about 168 KB) is measured
      // by `npm run bench` and test/functions/build.test.ts; these are raw bytes.
      hints: production ? "warning" : false,
      maxEntrypointSize: 2_000_000,
      maxAssetSize: 2_000_000,
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new LocalizedFunctionsMetadataPlugin(),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "taskpane", "commands"],
        scriptLoading: "defer",
      }),
      ...(paneFake
        ? [
            new HtmlWebpackPlugin({
              filename: "taskpane-fake.html",
              template: "./src/taskpane/taskpane.html",
              chunks: ["taskpane-fake"],
              scriptLoading: "defer",
            }),
          ]
        : []),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (origin === DEFAULT_ORIGIN ? content : Buffer.from(content.toString().split(DEFAULT_ORIGIN).join(origin))),
          },
        ],
      }),
    ],
    devServer: {
      host: process.env.DEV_SERVER_HOST ?? "localhost",
      port,
      server: cert ? { type: "https", options: cert } : "http",
      headers: { "Access-Control-Allow-Origin": "*" },
      static: false,
      hot: false,
      liveReload: true,
      client: { overlay: { warnings: false, errors: true } },
    },
  };
};

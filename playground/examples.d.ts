/** The bundled examples (playground/build.mjs `EXAMPLES`), read from fixtures/ at build time. */
declare module "pac-do:examples" {
  const examples: readonly { readonly file: string; readonly title: string; readonly text: string }[];
  export default examples;
}

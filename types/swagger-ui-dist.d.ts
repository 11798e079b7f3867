// swagger-ui-dist ships no types; this is the one function the API reference page uses.
declare module "swagger-ui-dist/absolute-path.js" {
  /** The folder of the installed package (its CSS and bundles). */
  const getAbsoluteFSPath: () => string;
  export default getAbsoluteFSPath;
}

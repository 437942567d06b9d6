/**
 * The built-in demo corpus: synthetic emotional speech (espeak-ng and sox) in the four corpora's
 * layouts, so that the whole study runs on a fresh machine with no corpus on disk.
 *
 * @module
 */
export { DEMO_MARKER, generateDemoCorpus, missingDemoTools } from "./generate.ts";

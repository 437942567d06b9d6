/**
 * Getting the real corpora: downloads from their official homes with resume and checksums, and
 * unpacking into the layouts the corpus adapters read.
 *
 * @module
 */
export { type Checksum, fetchFile, type RemoteFile } from "./fetch_file.ts";
export {
  cremadFiles,
  type Hosts,
  OFFICIAL_HOSTS,
  ravdessFiles,
  SAVEE_NOTE,
  tessFiles,
} from "./sources.ts";
export { type FetchableCorpus, fetchCorpus, type FetchReport } from "./corpora.ts";

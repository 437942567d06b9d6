/**
 * SER-FusionNet's deep-feature extractor, as in the authors' notebook: the acoustic features
 * (standardised) as a 1-channel sequence -> Conv1D(filters, kernel, same, ReLU) ->
 * MaxPool1D(pool, stride, same) [repeated `convLayers` times] -> Flatten -> Dense(deep, ReLU) ->
 * Dropout -> softmax over the classes. Its `deep`-unit layer is the deep feature.
 */
export interface ExtractorConfig {
  /** Length of the input sequence (162 acoustic features). */
  inputLength: number;
  /** Number of classes of the softmax head. */
  classes: number;
  /** Conv1D filters per layer. */
  filters: number;
  /** Conv1D kernel size. */
  kernel: number;
  /** MaxPool1D window and stride. */
  pool: number;
  stride: number;
  /** Stacked Conv1D + MaxPool1D blocks: 1 in the authors' notebook, 2 in their report. */
  convLayers: number;
  /** Units of the deep-feature layer. */
  deep: number;
  /** Dropout rate after the deep-feature layer. */
  dropout: number;
}

/** The fusion classifier: [deep, statistical, gender] -> Dense(hidden..., ReLU) -> softmax. */
export interface FusionConfig {
  /** Inputs: deep features + statistical features (+ 1 for gender). */
  inputs: number;
  classes: number;
  /** Hidden layer widths. */
  hidden: number[];
}

/**
 * The notebook's extractor for `classes` classes over `inputLength` features.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { extractorConfig } from "./architecture.ts";
 * assertEquals(extractorConfig(6).filters, 256);
 * ```
 */
export function extractorConfig(
  classes: number,
  overrides: Partial<ExtractorConfig> = {},
): ExtractorConfig {
  return {
    inputLength: 162,
    classes,
    filters: 256,
    kernel: 5,
    pool: 5,
    stride: 2,
    convLayers: 1,
    deep: 32,
    dropout: 0.3,
    ...overrides,
  };
}

/**
 * The default fusion classifier: Dense(12, ReLU) -> softmax.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * import { fusionConfig } from "./architecture.ts";
 * assertEquals(fusionConfig(41, 6).hidden, [12]);
 * ```
 */
export function fusionConfig(
  inputs: number,
  classes: number,
  hidden: number[] = [12],
): FusionConfig {
  return { inputs, classes, hidden };
}

/** Length of a sequence after TensorFlow's "same" pooling: ceil(n / stride). */
export function pooledLength(n: number, stride: number): number {
  return Math.ceil(n / stride);
}

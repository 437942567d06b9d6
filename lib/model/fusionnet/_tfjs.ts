/**
 * TensorFlow.js core with its plain-JavaScript backend registered, in production mode (no
 * debug checks, no console banner about tfjs-node). Every module of `lib/model` takes `tf` from
 * here.
 *
 * @module
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";

tf.env().set("PROD", true);

export { tf };

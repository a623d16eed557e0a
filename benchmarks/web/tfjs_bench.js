// TensorFlow.js side of the benchmark (issue 9): the same workloads as the app's hooks
// (engine::bench), with the initial weights and rows exported from burn. Called by
// benchmarks/compare.mjs through window.tfBench.
/* global tf */
(() => {
  const now = () => performance.now();

  async function use(backend) {
    if (backend === 'wasm') tf.wasm.setWasmPaths('/bench/npm/tfjs-backend-wasm/dist/');
    const ok = await tf.setBackend(backend);
    await tf.ready();
    if (!ok || tf.getBackend() !== backend) throw new Error(`backend ${backend} did not initialise (got ${tf.getBackend()})`);
    const info = { backend: tf.getBackend() };
    if (backend === 'wasm') {
      info.simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
      info.threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    }
    return info;
  }

  // The Playground MLP: z = a·W + b, tanh hidden, BCE from the logit softplus(z) − y·z (mean),
  // SGD. The page trains epochs of 25 batches with one readback each; so does this.
  async function mlp(backend, w, minMs) {
    const info = await use(backend);
    const layers = w.w.length;
    const vars = [];
    for (let l = 0; l < layers; l++) {
      const from = w.widths[l]; const to = w.widths[l + 1];
      vars.push(tf.variable(tf.tensor2d(w.w[l].flat(), [from, to], 'float32')));
      vars.push(tf.variable(tf.tensor1d(w.b[l], 'float32')));
    }
    const n = w.y.length;
    const X = tf.tensor2d(w.x, [n, w.widths[0]], 'float32');
    const Y = tf.tensor2d(w.y, [n, 1], 'float32');
    const opt = tf.train.sgd(w.lr);
    const perEpoch = Math.ceil(n / w.batch);
    const step = (i) => opt.minimize(() => {
      const lo = i * w.batch; const size = Math.min(w.batch, n - lo);
      let a = X.slice([lo, 0], [size, -1]);
      const y = Y.slice([lo, 0], [size, -1]);
      let z;
      for (let l = 0; l < layers; l++) {
        z = a.matMul(vars[2 * l]).add(vars[2 * l + 1]);
        a = l < layers - 1 ? tf.tanh(z) : z;
      }
      return tf.softplus(z).sub(y.mul(z)).mean();
    }, true, vars);
    const epoch = async (from) => {
      const losses = [];
      for (let i = from; i < perEpoch; i++) losses.push(step(i));
      const all = tf.stack(losses);
      const values = await all.data();
      tf.dispose([all, ...losses]);
      return values;
    };
    let t = now();
    const l0 = step(0);
    const firstLoss = (await l0.data())[0];
    l0.dispose();
    const firstStepMs = now() - t;
    await epoch(1);
    t = now();
    let steps = 0;
    while (steps === 0 || now() - t < minMs) { await epoch(0); steps += perEpoch; }
    const stepsPerS = (steps * 1000) / (now() - t);
    tf.dispose([...vars, X, Y]);
    opt.dispose();
    return { ...info, first_step_ms: firstStepMs, first_loss: firstLoss, steps, steps_per_s: stepsPerS };
  }

  async function digits() {
    const buf = new Uint8Array(await (await fetch('/mnist.bin')).arrayBuffer());
    const view = new DataView(buf.buffer);
    const magic = new TextDecoder().decode(buf.slice(0, 8));
    if (magic !== 'BLMNIST1') throw new Error('mnist.bin: bad magic');
    const count = view.getUint32(8, true); const len = view.getUint32(12, true);
    const stream = new Blob([buf.slice(16, 16 + len)]).stream().pipeThrough(new DecompressionStream('deflate'));
    const raw = new Uint8Array(await new Response(stream).arrayBuffer());
    return { count, pixels: raw.subarray(0, count * 784), labels: raw.subarray(count * 784, count * 785) };
  }

  function batch(data, indices) {
    const x = new Float32Array(indices.length * 784);
    const y = new Float32Array(indices.length * 10);
    indices.forEach((d, k) => {
      const i = d % data.count;
      for (let p = 0; p < 784; p++) x[k * 784 + p] = data.pixels[i * 784 + p] / 255;
      y[k * 10 + data.labels[i]] = 1;
    });
    return { x: tf.tensor4d(x, [indices.length, 28, 28, 1]), y: tf.tensor2d(y, [indices.length, 10]) };
  }

  // The article-004 CNN in Keras style (channels-last). burn's weights are loaded: conv
  // kernels [co, ci, 3, 3] → [3, 3, ci, co]; dense1's rows are burn's flatten order (c, h, w),
  // TF.js flattens (h, w, c), so its rows are permuted.
  function cnnModel(w) {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 64, activation: 'relu' }),
        tf.layers.dense({ units: 10, activation: 'softmax' }),
      ],
    });
    const conv = (v, ci, co) => tf.tidy(() => tf.tensor4d(v, [co, ci, 3, 3]).transpose([2, 3, 1, 0]));
    const dense1 = tf.tidy(() => tf.tensor4d(w.dense1, [64, 5, 5, 64]).transpose([1, 2, 0, 3]).reshape([1600, 64]));
    model.layers[0].setWeights([conv(w.conv1, 1, 32), tf.zeros([32])]);
    model.layers[2].setWeights([conv(w.conv2, 32, 64), tf.zeros([64])]);
    model.layers[5].setWeights([dense1, tf.zeros([64])]);
    model.layers[6].setWeights([tf.tensor2d(w.dense2, [64, 10]), tf.zeros([10])]);
    // Keras' Adam, as the engine's: lr 0.001, β 0.9 / 0.999, ε 1e-7.
    model.compile({ optimizer: tf.train.adam(0.001, 0.9, 0.999, 1e-7), loss: 'categoricalCrossentropy' });
    return model;
  }

  // Adam steps at batch 32 on digits 32·s … (trainOnBatch: one step, the loss read back, as
  // model.fit does per batch), the first timed apart; then one digit at a time; then 500.
  async function cnn(backend, w, maxSteps, maxMs, nDigits) {
    const info = await use(backend);
    const data = await digits();
    const model = cnnModel(w);
    const B = w.batch;
    const times = []; const losses = [];
    const start = now();
    // A backend without a training kernel fails here; inference is still timed.
    let trainError;
    try {
      for (let s = 0; s < Math.max(2, maxSteps); s++) {
        if (s >= 4 && now() - start > maxMs) break;
        const { x, y } = batch(data, Array.from({ length: B }, (_, k) => s * B + k));
        const t = now();
        try {
          losses.push(await model.trainOnBatch(x, y));
          times.push(now() - t);
        } finally {
          tf.dispose([x, y]);
        }
      }
    } catch (e) {
      trainError = String(e?.message ?? e).split('\n')[0];
    }
    const rest = times.slice(1).sort((a, b) => a - b);
    const median = rest[Math.floor(rest.length / 2)];
    let single = 0;
    for (let i = 0; i < nDigits; i++) {
      const { x, y } = batch(data, [i]);
      const t = now();
      const p = model.predict(x);
      await p.data();
      single += now() - t;
      tf.dispose([x, y, p]);
    }
    const { x, y } = batch(data, Array.from({ length: 500 }, (_, k) => k));
    let t = now();
    const p = model.predict(x);
    await p.data();
    const batched = (now() - t) / 500;
    tf.dispose([x, y, p]);
    model.dispose();
    if (trainError) return { ...info, train_error: trainError, digit_ms: single / nDigits, batched_digit_ms: batched };
    return {
      ...info,
      first_step_ms: times[0], first_loss: losses[0], second_loss: losses[1], steps: rest.length,
      median_step_ms: median, samples_per_s: (B * 1000) / median, digit_ms: single / nDigits, batched_digit_ms: batched,
    };
  }

  window.tfBench = { mlp, cnn, version: () => tf.version };
})();

export { generateSampleRegistry, type SampleOptions } from './generate';
export { mulberry32, type Random } from './random';

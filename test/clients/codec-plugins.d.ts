// kafkajs-snappy ships no types: a kafkajs codec factory.
declare module 'kafkajs-snappy' {
  import type { Codec } from 'kafkajs';
  const SnappyCodec: () => Codec;
  export default SnappyCodec;
}

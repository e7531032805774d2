// The voters of the quorum (Kafka's VoterSet, KIP-853): each with its directory id, the endpoints of
// its controller listener and the kraft.version range it supports. A static quorum
// (controller.quorum.voters, kraft.version 0) has ids only; a dynamic one reads the set from the
// latest VotersRecord. Each voter carries a weight (kraftling's extension, 1 unless changed): a
// quorum weighs more than half of the total (quorum-math.ts).
import type { VotersRecord } from '../../protocol/generated/data/voters-record.js';
import { ZERO_UUID } from '../../protocol/primitives/codec-helpers.js';
import type { Weights } from './quorum-math.js';

export interface VoterEndpoint {
  name: string;
  host: string;
  port: number;
}

export interface Voter {
  id: number;
  /** The voter's metadata log directory id (ZERO_UUID in a static quorum). */
  directoryId: string;
  endpoints: VoterEndpoint[];
  /** The kraft.version range the voter supports. */
  kraftVersion: { min: number; max: number };
  /** A voter's share of the quorum (VotersRecord's Weight extension; 1 in Kafka's records). */
  weight: number;
}

/** kraft.version levels this code speaks: 0 (static voters) and 1 (KIP-853 voter records). */
export const KRAFT_VERSION_RANGE = { min: 0, max: 1 } as const;

export function staticVoter(id: number): Voter {
  return { id, directoryId: ZERO_UUID, endpoints: [], kraftVersion: { min: 0, max: 0 }, weight: 1 };
}

export class VoterSet {
  private readonly byId: ReadonlyMap<number, Voter>;
  private weights_: Weights | undefined;

  constructor(voters: readonly Voter[]) {
    this.byId = new Map([...voters].sort((a, b) => a.id - b.id).map((v) => [v.id, v]));
  }

  static fromIds(ids: readonly number[]): VoterSet {
    return new VoterSet(ids.map(staticVoter));
  }

  static fromRecord(record: VotersRecord): VoterSet {
    return new VoterSet(record.voters.map((v) => ({
      id: v.voterId,
      directoryId: v.voterDirectoryId,
      endpoints: v.endpoints.map((e) => ({ name: e.name, host: e.host, port: e.port })),
      kraftVersion: { min: v.kRaftVersionFeature.minSupportedVersion, max: v.kRaftVersionFeature.maxSupportedVersion },
      weight: v.weight,
    })));
  }

  toRecord(): VotersRecord {
    return {
      version: 0,
      voters: this.voters.map((v) => ({
        voterId: v.id,
        voterDirectoryId: v.directoryId,
        endpoints: v.endpoints.map((e) => ({ ...e })),
        kRaftVersionFeature: { minSupportedVersion: v.kraftVersion.min, maxSupportedVersion: v.kraftVersion.max },
        weight: v.weight,
      })),
    };
  }

  get ids(): number[] {
    return [...this.byId.keys()];
  }

  /** Each voter's weight, for the quorum arithmetic. */
  get weights(): Weights {
    return (this.weights_ ??= new Map(this.voters.map((v) => [v.id, v.weight])));
  }

  /** Whether some voter's weight is not 1 (then tools show weights). */
  get weighted(): boolean {
    return this.voters.some((v) => v.weight !== 1);
  }

  get voters(): Voter[] {
    return [...this.byId.values()];
  }

  get size(): number {
    return this.byId.size;
  }

  has(id: number): boolean {
    return this.byId.has(id);
  }

  get(id: number): Voter | undefined {
    return this.byId.get(id);
  }

  /** Whether `id` with `directoryId` is a voter (a zero directory id matches any, as in Kafka). */
  hasKey(id: number, directoryId: string): boolean {
    const voter = this.byId.get(id);
    return voter !== undefined && (directoryId === ZERO_UUID || voter.directoryId === ZERO_UUID || voter.directoryId === directoryId);
  }

  withVoter(voter: Voter): VoterSet {
    return new VoterSet([...this.voters.filter((v) => v.id !== voter.id), voter]);
  }

  without(id: number): VoterSet {
    return new VoterSet(this.voters.filter((v) => v.id !== id));
  }
}

export function sameEndpoints(a: readonly VoterEndpoint[], b: readonly VoterEndpoint[]): boolean {
  const key = (list: readonly VoterEndpoint[]) => list.map((e) => `${e.name}|${e.host}|${e.port}`).sort().join(',');
  return key(a) === key(b);
}

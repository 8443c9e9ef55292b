import { bpuDueDate, Period, Rupiah, type IsoDate, type Nik, type ParticipantCommand, type ParticipantId, type PaymentReference, type Policy, type Sponsor } from '@jamsos/domain';
import { syntheticNik, syntheticParticipantId, type ResolvedInjection } from './injections.js';

/** Where the schedule sends the synthetic commands: the engine, which runs them through the deciders. */
export interface InjectionTarget {
  /** Runs a synthetic participant command (registration, enrolment). */
  injectCommand(command: ParticipantCommand, date: IsoDate): void;
  /** Runs a synthetic payment of what the replayed policy says is due for the month. */
  injectPayment(participantId: ParticipantId, period: Period, payer: Sponsor, reference: PaymentReference, paidOn: IsoDate): void;
}

/** One day's synthetic commands of one injection: the workers joining, or paying one month. */
interface Group {
  readonly date: IsoDate;
  readonly injection: ResolvedInjection;
  /** The first worker number of this injection in its region (ids are numbered per region across injections). */
  readonly firstWorker: number;
  /** The month paid; undefined for the day the workers register and enrol. */
  readonly period: Period | undefined;
}

/**
 * The injected facts in date order: each injection's workers register and enrol on the first day of
 * fromPeriod, then pay each month on its due date (the policy's BPU due day). Groups on the same day
 * keep the injections' order, joining before paying.
 */
export class InjectionSchedule {
  private readonly groups: Group[] = [];
  private next = 0;

  constructor(
    injections: ReadonlyArray<ResolvedInjection>,
    private readonly policy: Policy,
  ) {
    const workersSoFar = new Map<string, number>();
    for (const injection of injections) {
      const firstWorker = (workersSoFar.get(injection.regionId) ?? 0) + 1;
      workersSoFar.set(injection.regionId, firstWorker - 1 + injection.count);
      this.groups.push({ date: Period.firstDay(injection.fromPeriod), injection, firstWorker, period: undefined });
      for (const period of Period.range(injection.fromPeriod, injection.toPeriod))
        this.groups.push({ date: bpuDueDate(policy.at(Period.firstDay(period)), period), injection, firstWorker, period });
    }
    this.groups = this.groups.map((g, i) => [g, i] as const).sort(([a, i], [b, j]) => (a.date < b.date ? -1 : a.date > b.date ? 1 : i - j)).map(([g]) => g);
  }

  /** The date of the next synthetic commands, or undefined when all have run. */
  get nextDate(): IsoDate | undefined {
    return this.groups[this.next]?.date;
  }

  /** Runs every group dated strictly before a date. */
  runBefore(date: IsoDate, target: InjectionTarget): void {
    for (let group = this.groups[this.next]; group !== undefined && group.date < date; group = this.groups[this.next]) {
      this.next++;
      this.run(group, target);
    }
  }

  /** Runs every group left. */
  runAll(target: InjectionTarget): void {
    for (let group = this.groups[this.next]; group !== undefined; group = this.groups[this.next]) {
      this.next++;
      this.run(group, target);
    }
  }

  private run(group: Group, target: InjectionTarget): void {
    const { injection, firstWorker, date, period } = group;
    const { regionId, branchId, category, sponsor, fromPeriod } = injection;
    const lowestBand = this.policy.at(date).get('bpu.jkk.incomeBands')[0];
    for (let n = firstWorker; n < firstWorker + injection.count; n++) {
      const participantId = syntheticParticipantId(regionId, n) as ParticipantId;
      if (period !== undefined) {
        target.injectPayment(participantId, period, sponsor, `WHATIF-${regionId}-${n}-${period}` as PaymentReference, date);
        continue;
      }
      if (lowestBand === undefined) throw new Error(`bug: the policy has no BPU income band on ${date}`);
      target.injectCommand(
        { type: 'RegisterParticipant', participantId, nik: syntheticNik(regionId, n) as Nik, name: 'synthetic (what-if)', birthDate: '1990-01-01' as IsoDate, domicileRegionId: regionId, registeredOn: date },
        date,
      );
      target.injectCommand(
        {
          type: 'EnrolParticipant',
          participantId,
          terms: { segment: 'BPU', declaredIncome: Rupiah.of(lowestBand.declaredIncome) },
          programmes: ['JKK', 'JKM'],
          branchId,
          regionId,
          category,
          enrolledOn: date,
          firstPeriod: fromPeriod,
          ...(sponsor.type === 'self' ? {} : { sponsor }),
        },
        date,
      );
    }
  }
}

import type * as t from 'io-ts';
import { eventDefinitions } from './catalogue.js';
import { PersonalDataType, personalDataPaths } from './values/personal-data.js';

type AnyCodec = t.Mixed & { readonly _tag?: string; readonly props?: Record<string, AnyCodec>; readonly types?: AnyCodec[]; readonly type?: AnyCodec };

const fieldsOf = (codec: AnyCodec): ReadonlyArray<[string, AnyCodec, boolean]> => {
  if (codec._tag === 'InterfaceType' || codec._tag === 'StrictType') return Object.entries(codec.props ?? {}).map(([k, v]) => [k, v, true]);
  if (codec._tag === 'PartialType') return Object.entries(codec.props ?? {}).map(([k, v]) => [k, v, false]);
  if (codec._tag === 'IntersectionType') return (codec.types ?? []).flatMap(fieldsOf);
  if (codec._tag === 'ExactType' || codec._tag === 'ReadonlyType') return codec.type === undefined ? [] : fieldsOf(codec.type);
  return [];
};

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** The event catalogue as Markdown, generated from the codecs: docs/events.md is this text. */
export const renderEventCatalogue = (): string => {
  const lines: string[] = [
    '# Event catalogue',
    '',
    '<!-- Generated from the io-ts codecs by `pnpm docs:events`; a test fails when this file and the codecs differ. -->',
    '',
    'Every event jamsos records. **Facts** record what happened in the world and are kept as they are by a',
    'what-if replay; **decisions** record what the scheme decided under a policy and are re-derived by it.',
    'Fields marked *personal data* are encrypted per participant by the store decorator (UU PDP 27/2022) and',
    'never appear in stream names, event ids or metadata.',
    '',
    'Streams: `participant-<participantId>`, `claim-<claimId>`, `region-<regionId>`. Ids are opaque.',
    '',
    '| Event | Version | Kind | Stream |',
    '| --- | --- | --- | --- |',
  ];
  const streamOf = (type: string): string =>
    ['ClaimFiled', 'ClaimApproved', 'ClaimRejected', 'BenefitDisbursed'].includes(type) ? 'claim' : ['LabourForceRecorded', 'CoverageTargetSet'].includes(type) ? 'region' : 'participant';
  for (const d of eventDefinitions) lines.push(`| [${d.type}](#${d.type.toLowerCase()}) | ${d.version} | ${d.kind} | ${streamOf(d.type)} |`);
  for (const d of eventDefinitions) {
    lines.push('', `## ${d.type}`, '', `Version ${d.version}, ${d.kind}. ${d.description}`, '', '| Field | Type | Required | Personal data |', '| --- | --- | --- | --- |');
    for (const [name, codec, required] of fieldsOf(d.codec as AnyCodec))
      lines.push(`| \`${name}\` | ${cell(codec.name)} | ${required ? 'yes' : 'no'} | ${codec instanceof PersonalDataType ? 'yes' : personalDataPaths(codec).length > 0 ? `inside: ${personalDataPaths(codec).join(', ')}` : ''} |`);
  }
  lines.push('');
  return lines.join('\n');
};

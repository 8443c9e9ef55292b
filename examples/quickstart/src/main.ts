import { Rupiah } from '@jamsos/domain';
import { runQuickstart } from './quickstart.js';

const outcome = await runQuickstart();
for (const step of outcome.steps) console.log(step.events.length === 0 && !step.what.startsWith('  ') ? `${step.what}: nothing new` : step.events.length === 0 ? step.what : `${step.what}: ${step.events.join(', ')}`);
console.log('');
console.log(`contributions paid by the city: ${Rupiah.format(outcome.contributed)}`);
console.log(`benefits paid to the heirs:     ${Rupiah.format(outcome.disbursed)}`);

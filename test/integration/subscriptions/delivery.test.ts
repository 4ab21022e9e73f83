// The delivery scenario (delivery.scenario.ts) on the embedded adapters.
import t from 'tap'
import { deliveryScenario } from './delivery.scenario.js'
import { embedded } from './world.js'

deliveryScenario(t, embedded)

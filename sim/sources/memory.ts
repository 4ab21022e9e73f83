// What a renderer may know of households already generated: a bounded ring of living adults, so a
// notarized transfer can name a buyer from another household. Filled in generation order, so it is
// as deterministic as the city; bounded, so memory stays flat for any size of city.
import type { HouseholdTruth } from '../city/household.js'
import type { TruthPerson } from '../city/truth.js'
import { ageAt } from '../city/time.js'

const SIZE = 500

export class CityMemory {
  private readonly adults: TruthPerson[] = []
  private next = 0

  remember (h: HouseholdTruth, today: string): void {
    for (const p of h.persons) {
      if (p.deathDate !== undefined || ageAt(p.birthDate, today) < 18) continue
      if (this.adults.length < SIZE) this.adults.push(p)
      else this.adults[this.next++ % SIZE] = p
    }
  }

  /** An adult of an earlier household, chosen by `draw` in [0, 1); undefined before the first. */
  adult (draw: number): TruthPerson | undefined {
    return this.adults.length === 0 ? undefined : this.adults[Math.floor(draw * this.adults.length)]
  }
}

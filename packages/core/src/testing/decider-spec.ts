/** @module given(events).when(command).then(events) | thenFails(tag) for any Decider (after Emmett's DeciderSpecification). */
import * as E from 'fp-ts/Either'
import { expect } from 'vitest'
import { type Decider, stateOf } from '../deciders/decider'

export const deciderSpec = <C, Ev, S, Er extends { readonly _tag: string }>(
  decider: Decider<C, Ev, S, Er>
) => ({
  given: (...history: ReadonlyArray<Ev>) => ({
    when: (command: C) => {
      const result = decider.decide(command, stateOf(decider, history))
      return {
        then: (expected: ReadonlyArray<Ev>) => {
          expect(result).toEqual(E.right(expected))
        },
        thenFails: (tag: Er['_tag'], details?: Partial<Er>) => {
          expect(E.isLeft(result) ? result.left._tag : 'no error').toBe(tag)
          if (details && E.isLeft(result)) expect(result.left).toMatchObject(details)
        },
      }
    },
  }),
})

/** @module The Decider shape (after Emmett), with errors as values instead of throws. */
import type * as E from 'fp-ts/Either'

export interface Decider<Command, Event, State, Error> {
  readonly decide: (command: Command, state: State) => E.Either<Error, ReadonlyArray<Event>>
  readonly evolve: (state: State, event: Event) => State
  readonly initialState: () => State
}

/** Folds a stream's history into the decider's state. */
export const stateOf = <C, Ev, S, Er>(decider: Decider<C, Ev, S, Er>, history: ReadonlyArray<Ev>): S =>
  history.reduce(decider.evolve, decider.initialState())

import { storeContract } from '../testing/contract'
import { createMemoryStore } from './memory-store'

storeContract('in-memory', (clock) => createMemoryStore({ clock }))

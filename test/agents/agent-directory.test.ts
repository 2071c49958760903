import { SeededAgentDirectory } from '../../src/agents/agent-directory.js';
import { agentDirectoryContract } from '../contract/agent-directory.contract.js';

agentDirectoryContract(
  'memory (AGENT_SEED)',
  async (seed) => {
    const directory = await SeededAgentDirectory.fromSeed(
      seed.map((agent) => `${agent.username}:${agent.password}`).join(','),
      seed.filter((agent) => agent.role === 'admin').map((agent) => agent.username),
    );
    return { directory, close: () => Promise.resolve() };
  },
  { shared: false },
);

/** Why: the boundaries of the tree, checked by test/unit/boundaries.test.ts (and `npx depcruise lib bin test bench services`). */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Two modules that import each other are one idea split wrong.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'lib-stands-alone',
      comment: 'The engine knows nothing of the application it deploys, its benchmarks or its tests.',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '^(services|bench|test)/' },
    },
    {
      name: 'resolvable',
      comment: 'An import the checker cannot resolve is an import it cannot check.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/|^test/fixtures/boundaries/' },
  },
};

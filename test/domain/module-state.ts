// Finds module-level mutable state in a TypeScript source, read with the compiler's own parser: a top-level `let` or
// `var`, a top-level `const` holding something that can be written (a container, an object made with `new` or
// returned by a call) unless it is typed or made read-only, and a class's static field that can be written. Such
// state outlives every call, so a function reading it is no longer pure.

import ts from 'typescript';

/** Objects nothing can change once made: Intl's formatters (a RegExp is judged by its flags). */
const UNCHANGING_CONSTRUCTOR = /^Intl\.[A-Za-z]+$/;

/** Calls that return a number, a string or a frozen object: anything else may hand back something writable. */
const UNCHANGING_CALL =
  /^(?:Math\.\w+|Number(?:\.\w+)?|String(?:\.\w+)?|Symbol(?:\.\w+)?|BigInt|Date\.(?:UTC|parse)|Object\.freeze)$/;

const READONLY_TYPE_NAMES: ReadonlySet<string> = new Set(['Readonly', 'ReadonlyArray', 'ReadonlyMap', 'ReadonlySet']);

function isReadonlyType(type: ts.TypeNode | undefined): boolean {
  if (type === undefined) return false;
  if (ts.isTypeOperatorNode(type)) return type.operator === ts.SyntaxKind.ReadonlyKeyword;
  if (ts.isParenthesizedTypeNode(type)) return isReadonlyType(type.type);
  return ts.isTypeReferenceNode(type) && READONLY_TYPE_NAMES.has(type.typeName.getText());
}

function isConstAssertion(type: ts.TypeNode): boolean {
  return ts.isTypeReferenceNode(type) && type.typeName.getText() === 'const';
}

/** Whether a regular expression keeps where it stopped (`lastIndex`) between uses: the g and y flags. */
function keepsLastIndex(flags: string): boolean {
  return /[gy]/.test(flags);
}

function describeNew(expression: ts.NewExpression): string | null {
  const name = expression.expression.getText();
  if (name === 'RegExp') {
    const flags = expression.arguments?.[1];
    const written = flags !== undefined && ts.isStringLiteralLike(flags) ? flags.text : '';
    return keepsLastIndex(written) ? 'a global or sticky RegExp (its lastIndex)' : null;
  }
  return UNCHANGING_CONSTRUCTOR.test(name) ? null : `new ${name}`;
}

/** What writable container an initializer makes, or null when it makes none (or makes it read-only). */
function describeContainer(initializer: ts.Expression): string | null {
  if (ts.isParenthesizedExpression(initializer) || ts.isSatisfiesExpression(initializer)) {
    return describeContainer(initializer.expression);
  }
  if (ts.isAsExpression(initializer) || ts.isTypeAssertionExpression(initializer)) {
    const { type } = initializer;
    return isConstAssertion(type) || isReadonlyType(type) ? null : describeContainer(initializer.expression);
  }
  if (ts.isArrayLiteralExpression(initializer)) return 'an array literal';
  if (ts.isObjectLiteralExpression(initializer)) return 'an object literal';
  if (ts.isNewExpression(initializer)) return describeNew(initializer);
  if (ts.isRegularExpressionLiteral(initializer)) {
    const flags = initializer.text.slice(initializer.text.lastIndexOf('/') + 1);
    return keepsLastIndex(flags) ? 'a global or sticky regular expression (its lastIndex)' : null;
  }
  if (ts.isCallExpression(initializer)) {
    const callee = initializer.expression.getText();
    return UNCHANGING_CALL.test(callee) ? null : `what ${callee}(…) returns`;
  }
  return null;
}

function checkConstant(declaration: ts.VariableDeclaration): string | null {
  const { initializer, type } = declaration;
  if (initializer === undefined || isReadonlyType(type)) return null;
  const made = describeContainer(initializer);
  return made === null ? null : `'${declaration.name.getText()}' is a top-level const holding ${made}`;
}

function hasModifier(node: ts.HasModifiers, kind: ts.SyntaxKind): boolean {
  return ts.getModifiers(node)?.some((modifier) => modifier.kind === kind) ?? false;
}

function checkClass(node: ts.ClassDeclaration): string[] {
  const problems: string[] = [];
  const className = node.name?.getText() ?? 'a class';
  for (const member of node.members) {
    if (!ts.isPropertyDeclaration(member) || !hasModifier(member, ts.SyntaxKind.StaticKeyword)) continue;
    const field = `${className}.${member.name.getText()}`;
    if (!hasModifier(member, ts.SyntaxKind.ReadonlyKeyword))
      problems.push(`'${field}' is a static field, not readonly`);
    else if (member.initializer && !isReadonlyType(member.type)) {
      const made = describeContainer(member.initializer);
      if (made !== null) problems.push(`'${field}' is a static field holding ${made}`);
    }
  }
  return problems;
}

function checkVariables(statement: ts.VariableStatement): string[] {
  if (hasModifier(statement, ts.SyntaxKind.DeclareKeyword)) return [];
  const { declarationList } = statement;
  const isConst = (declarationList.flags & ts.NodeFlags.Const) !== 0;
  return declarationList.declarations.flatMap((declaration) => {
    if (!isConst) {
      const keyword = (declarationList.flags & ts.NodeFlags.Let) !== 0 ? 'let' : 'var';
      return [`'${declaration.name.getText()}' is a top-level ${keyword}`];
    }
    const problem = checkConstant(declaration);
    return problem === null ? [] : [problem];
  });
}

function checkStatements(statements: readonly ts.Statement[], source: ts.SourceFile): string[] {
  return statements.flatMap((statement) => {
    const at = `line ${source.getLineAndCharacterOfPosition(statement.getStart(source)).line + 1}`;
    let problems: string[] = [];
    if (ts.isVariableStatement(statement)) problems = checkVariables(statement);
    else if (ts.isClassDeclaration(statement)) problems = checkClass(statement);
    else if (ts.isModuleDeclaration(statement) && statement.body && ts.isModuleBlock(statement.body)) {
      return checkStatements(statement.body.statements, source);
    }
    return problems.map((problem) => `${at}: ${problem}`);
  });
}

/** Every piece of module-level mutable state in a source, as "line N: what"; empty when it keeps none. */
export function findModuleState(code: string, fileName = 'module.ts'): string[] {
  const source = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  return checkStatements(source.statements, source);
}

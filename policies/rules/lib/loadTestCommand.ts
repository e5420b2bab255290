/**
 * Where a load test sends its requests, read from the command Flagger's load tester runs (`sh -c
 * <cmd>`, https://github.com/fluxcd/flagger/blob/v1.44.0/pkg/loadtester/task_shell.go): the URL,
 * port and headers of each `hey` and `curl` in it. Anything else, or a flag that changes where
 * requests go (a proxy, a config file, a shell variable in the URL), is "cannot tell", said as such.
 */
import { parse, type ParseEntry } from "shell-quote";

export interface LoadTestRequest {
  tool: "hey" | "curl";
  /** The URL as the command writes it. */
  url: string;
  /** The host the request names (its Host header when the command sets one), lower case. */
  host: string;
  port: number;
  path: string;
  /** Headers by lower-case name; curl's `-b name=value` is the Cookie header. */
  headers: Map<string, string>;
}

export type LoadTestReading = { requests: LoadTestRequest[] } | { unreadable: string };

/** Stands for a shell variable in a token, so that a URL or header built from one is recognised. */
const VARIABLE = "\u0000";

/** Operators that end a simple command; redirections take the next token as a file. */
const SEPARATORS = new Set([";", "&&", "||", "|", "&", "|&", ";;", "(", ")"]);
const REDIRECTIONS = new Set([">", ">>", "<", ">&", "<&", "<>", ">|", "<<", "<<<"]);

/** Words that may precede the program in a simple command (loops, conditions, wrappers). */
const PREFIXES = new Set(["while", "until", "do", "then", "else", "elif", "if", "!", "time", "exec", "nohup", "command", "env"]);

/** hey's flags (Go's flag package: `-f value`, `-f=value`, `--f`), those taking a value and the switches. */
const HEY_VALUE_FLAGS = new Set(["n", "c", "q", "z", "o", "m", "H", "t", "A", "d", "D", "T", "a", "x", "host", "cpus"]);
const HEY_SWITCHES = new Set(["h2", "disable-compression", "disable-keepalive", "disable-redirects"]);

/** curl's options: short ones taking a value, short switches, long ones taking a value, long switches. */
const CURL_SHORT_VALUES = new Set([..."HbXdomwuAexKcrTFEYyzCUPQtD"]);
const CURL_SHORT_SWITCHES = new Set([..."sSfvLkiIG46nNqRjlBOJMZpa0123V#"]);
const CURL_LONG_VALUES = new Set([
  "header",
  "cookie",
  "request",
  "data",
  "data-raw",
  "data-binary",
  "data-urlencode",
  "data-ascii",
  "json",
  "output",
  "max-time",
  "write-out",
  "user",
  "user-agent",
  "referer",
  "connect-timeout",
  "retry",
  "retry-delay",
  "retry-max-time",
  "cookie-jar",
  "url",
  "form",
  "upload-file",
  "cacert",
  "cert",
  "key",
  "capath",
  "limit-rate",
  "max-filesize",
  "range",
  "speed-limit",
  "speed-time",
  "keepalive-time",
  "dump-header",
  "oauth2-bearer",
  "max-redirs",
  "expect100-timeout",
  "parallel-max",
  "proxy",
  "resolve",
  "connect-to",
  "unix-socket",
  "abstract-unix-socket",
  "config",
  "interface",
]);
const CURL_LONG_SWITCHES = new Set([
  "silent",
  "show-error",
  "fail",
  "fail-with-body",
  "fail-early",
  "verbose",
  "location",
  "location-trusted",
  "insecure",
  "include",
  "head",
  "get",
  "http1.0",
  "http1.1",
  "http2",
  "http2-prior-knowledge",
  "http3",
  "compressed",
  "no-keepalive",
  "no-buffer",
  "globoff",
  "ipv4",
  "ipv6",
  "parallel",
  "retry-all-errors",
  "retry-connrefused",
  "no-progress-meter",
  "progress-bar",
  "tcp-nodelay",
  "path-as-is",
  "raw",
  "no-sessionid",
  "ssl-reqd",
  "tlsv1.2",
  "tlsv1.3",
  "anyauth",
  "basic",
  "digest",
  "netrc",
  "netrc-optional",
]);

/** Options that send the requests somewhere other than their URL says, or read more options from a file. */
const REROUTING = new Map([
  ["x", "--proxy"],
  ["K", "--config"],
  ["proxy", "--proxy"],
  ["resolve", "--resolve"],
  ["connect-to", "--connect-to"],
  ["unix-socket", "--unix-socket"],
  ["abstract-unix-socket", "--abstract-unix-socket"],
  ["config", "--config"],
]);

type Option = { name: string; value?: string };
type Parsed = { options: Option[]; positionals: string[] } | { problem: string };

function heyArguments(args: string[]): Parsed {
  const options: Option[] = [];
  let i = 0;
  for (; i < args.length && args[i].startsWith("-") && args[i] !== "-" && args[i] !== "--"; i++) {
    const [flag, attached] = args[i].replace(/^--?/, "").split(/=(.*)/s);
    if (HEY_SWITCHES.has(flag)) {
      options.push({ name: flag });
    } else if (HEY_VALUE_FLAGS.has(flag)) {
      const value = attached ?? args[++i];
      if (value === undefined) {
        return { problem: `hey -${flag} has no value` };
      }
      options.push({ name: flag, value });
    } else {
      return { problem: `hey has no flag -${flag}` };
    }
  }
  return { options, positionals: args.slice(args[i] === "--" ? i + 1 : i) };
}

function curlArguments(args: string[]): Parsed {
  const options: Option[] = [];
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith("--")) {
      const name = arg.slice(2);
      if (CURL_LONG_SWITCHES.has(name) || CURL_LONG_SWITCHES.has(name.replace(/^no-/, ""))) {
        options.push({ name });
      } else if (CURL_LONG_VALUES.has(name)) {
        if (args[i + 1] === undefined) {
          return { problem: `curl --${name} has no value` };
        }
        options.push({ name, value: args[++i] });
      } else {
        return { problem: `curl option --${name} is not one this check reads` };
      }
    } else if (arg.startsWith("-") && arg.length > 1) {
      // A cluster of short options (-sSf), the last of which may take a value, attached (-Hx:1) or next.
      for (let j = 1; j < arg.length; j++) {
        const flag = arg[j];
        if (CURL_SHORT_SWITCHES.has(flag)) {
          options.push({ name: flag });
        } else if (CURL_SHORT_VALUES.has(flag)) {
          const value = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
          if (value === undefined) {
            return { problem: `curl -${flag} has no value` };
          }
          options.push({ name: flag, value });
          break;
        } else {
          return { problem: `curl option -${flag} is not one this check reads` };
        }
      }
    } else {
      positionals.push(arg);
    }
  }
  return { options, positionals };
}

function header(text: string): [string, string] | undefined {
  const colon = text.indexOf(":");
  return colon > 0 ? [text.slice(0, colon).trim().toLowerCase(), text.slice(colon + 1).trim()] : undefined;
}

/** The requests of one hey or curl invocation, or why they cannot be told. */
function requestsOf(tool: "hey" | "curl", args: string[]): LoadTestRequest[] | { problem: string } {
  const parsed = tool === "hey" ? heyArguments(args) : curlArguments(args);
  if ("problem" in parsed) {
    return parsed;
  }
  const rerouting = parsed.options.find((option) => REROUTING.has(option.name));
  if (rerouting) {
    return { problem: `${tool} ${REROUTING.get(rerouting.name)} sends the requests elsewhere than their URL` };
  }
  const headers = new Map<string, string>();
  for (const option of parsed.options) {
    if (option.value === undefined) {
      continue;
    }
    if (option.value.includes(VARIABLE) && ["H", "header", "b", "cookie", "host"].includes(option.name)) {
      return { problem: `${tool} builds a header from a shell variable` };
    }
    if (option.name === "H" || option.name === "header") {
      const pair = header(option.value);
      if (pair) {
        headers.set(...pair);
      }
    } else if (tool === "hey" && option.name === "host") {
      headers.set("host", option.value);
    } else if (option.name === "b" || option.name === "cookie") {
      if (!option.value.includes("=")) {
        return { problem: `curl reads its cookies from the file ${option.value}` };
      }
      headers.set("cookie", option.value);
    }
  }
  const urls = [
    ...(tool === "hey" ? parsed.positionals.slice(0, 1) : parsed.positionals),
    ...parsed.options.filter((o) => o.name === "url").map((o) => o.value!),
  ];
  if (urls.length === 0) {
    return { problem: `${tool} names no URL` };
  }
  const requests: LoadTestRequest[] = [];
  for (const written of urls) {
    if (written.includes(VARIABLE)) {
      return { problem: `the URL ${written.replaceAll(VARIABLE, "$")} comes from a shell variable` };
    }
    let url: URL;
    try {
      url = new URL(written.includes("://") ? written : `http://${written}`);
    } catch {
      return { problem: `${written} is not a URL` };
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      return { problem: `${written} is not an http or https URL` };
    }
    const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
    const hostHeader = headers.get("host")?.replace(/:\d+$/, "").toLowerCase();
    requests.push({ tool, url: written, host: hostHeader ?? url.hostname.toLowerCase(), port, path: url.pathname, headers });
  }
  return requests;
}

/** The program of a simple command, past loop keywords, wrappers and variable assignments; and its arguments. */
function programOf(words: string[]): { program: string; args: string[] } | undefined {
  let i = 0;
  while (i < words.length && (PREFIXES.has(words[i]) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i]))) {
    i++;
  }
  if (words[i] === "timeout") {
    // timeout [options] DURATION COMMAND...; -s SIGNAL and -k DURATION take a value.
    i++;
    while (i < words.length && words[i].startsWith("-")) {
      i += ["-s", "-k", "--signal", "--kill-after"].includes(words[i]) ? 2 : 1;
    }
    i++;
  }
  return i < words.length ? { program: words[i].split("/").pop()!, args: words.slice(i + 1) } : undefined;
}

/** The simple commands of a shell command line, each as its words (redirections and their files left out). */
function simpleCommands(entries: ParseEntry[]): string[][] {
  const commands: string[][] = [[]];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (typeof entry === "string") {
      commands[commands.length - 1].push(entry);
    } else if ("op" in entry && entry.op === "glob") {
      commands[commands.length - 1].push(entry.pattern);
    } else if ("op" in entry && SEPARATORS.has(entry.op)) {
      commands.push([]);
    } else if ("op" in entry && REDIRECTIONS.has(entry.op)) {
      // `2>&1`, `2> /dev/null`: the file descriptor before the operator is not an argument.
      const words = commands[commands.length - 1];
      if (/^\d$/.test(words[words.length - 1] ?? "")) {
        words.pop();
      }
      i++;
    }
  }
  return commands.filter((words) => words.length > 0);
}

export function readLoadTest(command: string): LoadTestReading {
  let entries: ParseEntry[];
  try {
    entries = parse(command, (name) => `${VARIABLE}${name}`);
  } catch {
    return { unreadable: "the command is not shell syntax this check can read" };
  }
  const requests: LoadTestRequest[] = [];
  const others: string[] = [];
  for (const words of simpleCommands(entries)) {
    const invocation = programOf(words);
    if (!invocation) {
      continue;
    }
    if (invocation.program === "hey" || invocation.program === "curl") {
      const found = requestsOf(invocation.program, invocation.args);
      if ("problem" in found) {
        return { unreadable: found.problem };
      }
      requests.push(...found);
    } else {
      others.push(invocation.program);
    }
  }
  if (requests.length === 0) {
    return {
      unreadable:
        others.length > 0
          ? `it runs ${others.map((p) => p.replaceAll(VARIABLE, "$")).join(", ")}, and this check reads only hey and curl`
          : "it runs no command",
    };
  }
  return { requests };
}

using SessionLab.Commands;

var parse = SessionLabCli.Build().Parse(args);
return await parse.InvokeAsync(SessionLabCli.InvocationFor(parse));

using SessionLab.Commands;

return await SessionLabCli.Build().Parse(args).InvokeAsync();

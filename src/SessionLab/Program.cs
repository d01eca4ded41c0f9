using SessionLab.Commands;

return await SessionLabCli.InvokeAsync(args);

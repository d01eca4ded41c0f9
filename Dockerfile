# syntax=docker/dockerfile:1
# One image for every Session Lab backend; docker-compose.yml runs nine of them (sticky, redis, jwt × 3).
# Arguments after the image name go to `sessionlab serve`, e.g.:
#   docker run --rm -p 8081:8081 sessionlab-backend:local --scheme sticky --port 8081 --host 0.0.0.0

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Project files first: the package restore stays cached until a project or a package version changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/SessionLab/SessionLab.csproj src/SessionLab/
COPY src/SessionLab.Backend/SessionLab.Backend.csproj src/SessionLab.Backend/
COPY src/SessionLab.Measurement/SessionLab.Measurement.csproj src/SessionLab.Measurement/
COPY src/SessionLab.Reporting/SessionLab.Reporting.csproj src/SessionLab.Reporting/
RUN dotnet restore src/SessionLab/SessionLab.csproj
COPY src/ src/
# No apphost: the entrypoint runs the dll with the runtime image's `dotnet`.
RUN dotnet publish src/SessionLab/SessionLab.csproj --configuration Release --no-restore --output /app -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The image's unprivileged user: the backends listen on ports above 1024 and write nothing outside /tmp.
USER $APP_UID
ENTRYPOINT ["dotnet", "sessionlab.dll", "serve"]

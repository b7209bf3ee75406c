## Réponses de `scor serve` qui ne sont pas des rapports.

service-too-large = le corps dépasse le plus grand message de lot admis (message_max_bytes : { $max } octets)
service-slow = le corps n'est pas arrivé dans le délai imparti
service-unknown-format = format inconnu « { $name } »
service-body-unreadable = le corps n'a pas pu être lu : « { $detail } »
service-multipart = multipart : « { $detail } »
service-multipart-no-file = le corps multipart ne contient aucun fichier
service-lot-types = envoyez le lot en message/rfc822 (.eml), en application/x-tar ou en fichiers multipart/form-data
service-empty-body = corps vide : { $types }
service-pdf-to-pj = un PDF se vérifie par POST /v1/pj ; { $types }
service-pdf-types = envoyez un seul PDF en application/pdf ou comme unique fichier d'un corps multipart/form-data
service-no-endpoint = point d'accès inconnu ; voir /v1/openapi.json
service-queue-timeout = aucun exécutant ne s'est libéré dans le délai imparti
service-check-timeout = la vérification ne s'est pas terminée dans le délai imparti
service-check-failed = la vérification a échoué
service-busy = tous les exécutants sont occupés et la file d'attente est pleine
service-return-failed = le retour n'a pas pu être analysé : « { $detail } »
service-no-version = aucune version { $version } du dictionnaire
service-no-rule = aucune règle { $id } dans le dictionnaire { $version }

## La page à `/`.

page-title = Contrôle d'un lot SCOR
page-other-language = English
page-intro = Déposez les fichiers d'un dossier de lot (E-…-ENTSCANORDO-….xml, D-nnn.pkcs7, P-nnn-iii.pkcs7), un message .eml ou un PDF seul : le rapport s'affiche ici, avec le verdict, l'ARL prévu et chaque anomalie. Rien n'est conservé sur le serveur.
page-drop = Déposez les fichiers ici
page-pick-files = Choisir des fichiers (.eml, PDF, fichiers du lot)
page-pick-folder = Choisir un dossier de lot
page-download-json = Télécharger le rapport JSON
page-download-sarif = Télécharger le rapport SARIF
page-report = Rapport
page-checking = Contrôle en cours…
page-files = { $count } fichier(s) :{" "}
page-conformant = Conforme
page-not-conformant = Non conforme
page-not-fully-evaluated = Pas entièrement évalué
page-findings = { $count } anomalie(s)
page-arl = ARL prévu :{" "}
page-error = Erreur :{" "}
page-no-arl = aucun (PDF seul)
